// The PostgreSQL backend's pure parts: which names are connections, password
// redaction, the shard a document id goes to, binary COPY rows and arrays.
// (The backend against a real server: tests/e2e/pg_index_test.py.)
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "index/pg_conn.h"
#include "index/pg_index.h"
#include "provcheck/index.h"

namespace provcheck::index::pg {
namespace {

TEST(PgNames, UrisAndConninfoAreConnectionsFoldersAreNot) {
  EXPECT_TRUE(IsConninfo("postgresql://u@h/db"));
  EXPECT_TRUE(IsConninfo("postgres://h/db"));
  EXPECT_TRUE(IsConninfo("service=newsroom"));
  EXPECT_TRUE(IsConninfo("host=/tmp port=5432 dbname=x"));
  EXPECT_FALSE(IsConninfo(".provcheck"));
  EXPECT_FALSE(IsConninfo("/srv/postgresql://odd"));
  EXPECT_FALSE(IsConninfo("archive.idx"));
  EXPECT_TRUE(IsDatabaseIndexName("postgresql://h/db"));
  EXPECT_EQ(IndexDisplayName("idx:secret@x"), "idx:secret@x");  // a folder is printed as is
}

TEST(PgNames, RedactsEveryPasswordForm) {
  EXPECT_EQ(Redact("postgresql://ed:s3cret@db.example/news"),
            "postgresql://ed:***@db.example/news");
  EXPECT_EQ(Redact("postgres://ed:p%40ss@h:5433/db?sslmode=verify-full"),
            "postgres://ed:***@h:5433/db?sslmode=verify-full");
  EXPECT_EQ(Redact("postgresql://h/db?user=ed&password=s3cret&sslmode=require"),
            "postgresql://h/db?user=ed&password=***&sslmode=require");
  EXPECT_EQ(Redact("host=h password=s3cret dbname=db"), "host=h password=*** dbname=db");
  EXPECT_EQ(Redact("host=h password = 'a b\\' c' dbname=db"), "host=h password = *** dbname=db");
  EXPECT_EQ(Redact("postgresql://ed@h/db"), "postgresql://ed@h/db");
  EXPECT_EQ(Redact("postgresql://h:5432/db"), "postgresql://h:5432/db");
}

TEST(PgNames, ConnectionErrorsQuotingAPasswordAreRedacted) {
  EXPECT_EQ(
      RedactMessage("invalid percent-encoded token: \"pa%zzss\"", "postgresql://ed:pa%zzss@h/db"),
      "invalid percent-encoded token: \"***\"");
  EXPECT_EQ(RedactMessage("bad value 's3 cret'", "host=h password='s3 cret'"), "bad value '***'");
}

TEST(PgShards, AddingAShardMovesOnlyWhatItTakes) {
  int moved = 0, on_new = 0;
  std::vector<int> counts(3, 0);
  for (int i = 0; i < 30000; ++i) {
    const std::string id = "doc-" + std::to_string(i);
    const int two = ShardOf(id, 2), three = ShardOf(id, 3);
    ASSERT_GE(two, 0);
    ASSERT_LT(three, 3);
    ++counts[three];
    if (two != three) {
      ++moved;
      EXPECT_EQ(three, 2) << id;  // a document only ever moves to the new shard
    }
    on_new += three == 2;
    EXPECT_EQ(ShardOf(id, 1), 0);
  }
  EXPECT_EQ(moved, on_new);
  for (int c : counts) EXPECT_NEAR(c, 10000, 500);
}

TEST(PgCopy, BinaryRowsHaveSignatureFieldsAndTrailer) {
  CopyRows rows;
  rows.BeginRow(2);
  rows.Int8(0x0102030405060708);
  rows.Bytes("ab");
  const std::string data = rows.Finish();
  const std::string expected = std::string("PGCOPY\n\377\r\n\0", 11) + std::string(8, '\0') +
                               std::string("\0\2", 2) + std::string("\0\0\0\x08", 4) +
                               "\x01\x02\x03\x04\x05\x06\x07\x08" + std::string("\0\0\0\x02", 4) +
                               "ab" + "\xff\xff";
  EXPECT_EQ(data, expected);
  EXPECT_TRUE(rows.empty());  // Finish leaves a fresh stream
}

TEST(PgParams, Int8ArrayIsPostgresBinaryArray) {
  Params p;
  p.Int8Array({1, -1});
  ASSERT_EQ(p.size(), 1);
  EXPECT_EQ(p.types()[0], kInt8ArrayOid);
  const std::string got(p.pointers()[0], static_cast<size_t>(p.lengths()[0]));
  const std::string expected =
      std::string("\0\0\0\1", 4) + std::string("\0\0\0\0", 4) + std::string("\0\0\0\x14", 4) +
      std::string("\0\0\0\2", 4) + std::string("\0\0\0\1", 4) + std::string("\0\0\0\x08", 4) +
      std::string("\0\0\0\0\0\0\0\1", 8) + std::string("\0\0\0\x08", 4) + std::string(8, '\xff');
  EXPECT_EQ(got, expected);
  EXPECT_EQ(p.formats()[0], 1);
}

}  // namespace
}  // namespace provcheck::index::pg
