#include "sign/keys.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>

#include "base/file_system.h"
#include "base/sha256.h"

namespace provcheck::sign {
namespace {

// Key files are a few hundred bytes; anything larger is not a key.
constexpr uint64_t kMaxKeyFileBytes = 64 << 10;

std::shared_ptr<EVP_PKEY> Own(EVP_PKEY* pkey) { return {pkey, EVP_PKEY_free}; }

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

// A read-only memory BIO over `bytes`, which must outlive it.
Result<BioPtr> ReadBio(std::string_view name, std::string_view bytes) {
  if (bytes.size() > kMaxKeyFileBytes) {
    return Status::InvalidInput(std::string(name) + ": " + std::to_string(bytes.size()) +
                                " bytes, too large for a key");
  }
  BioPtr bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
  if (!bio) return Status::Internal(OpenSslError("BIO_new_mem_buf"));
  return bio;
}

// The bytes written into a memory BIO.
std::string BioContents(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return n > 0 ? std::string(data, static_cast<size_t>(n)) : std::string();
}

// The PEM reader calls this for an encrypted key: refuse rather than prompt
// on the terminal (OpenSSL's default), since provcheck runs in CI too.
int NoPassphrase(char*, int, int, void*) { return -1; }

bool IsEd25519(EVP_PKEY* pkey) { return EVP_PKEY_is_a(pkey, "ED25519") == 1; }

std::string ModeString(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

// Creates `path` exclusively with `mode` (never following or replacing an
// existing file or link), writes `data`, syncs it.
Status WriteNewFile(const std::string& path, std::string_view data, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
  if (fd < 0) {
    if (errno == EEXIST) {
      return Status::InvalidArgument(path + ": already exists; keygen never overwrites a key");
    }
    return Status::IOError(path + ": cannot create: " + std::strerror(errno));
  }
  Status status;
  if (::fchmod(fd, mode) != 0) {
    status = Status::IOError(path + ": cannot set mode: " + std::strerror(errno));
  }
  size_t done = 0;
  while (status.ok() && done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      status = Status::IOError(path + ": cannot write: " + std::strerror(errno));
      break;
    }
    done += static_cast<size_t>(n);
  }
  if (status.ok() && ::fsync(fd) != 0) {
    status = Status::IOError(path + ": cannot sync: " + std::strerror(errno));
  }
  if (::close(fd) != 0 && status.ok()) {
    status = Status::IOError(path + ": cannot close: " + std::strerror(errno));
  }
  if (!status.ok()) ::unlink(path.c_str());
  return status;
}

// Reads a private key file, refusing one whose mode is open to others. The
// mode is checked on the open descriptor, so the file read is the file
// checked. O_NONBLOCK: a FIFO or device named as the key is refused at once,
// never waited on.
Result<std::string> ReadPrivateKeyFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT) return Status::NotFound(path + ": no such key file");
    return Status::IOError(path + ": cannot open: " + std::strerror(err));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return Status::IOError(path + ": cannot stat: " + std::strerror(err));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::InvalidInput(path + ": not a regular file");
  }
  if (int flags = ::fcntl(fd, F_GETFL); flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    return Status::InvalidInput(path + ": permissions " + ModeString(st.st_mode) +
                                " are too open: a private key must be readable by its owner "
                                "only; run chmod 600 " +
                                path);
  }
  if (static_cast<uint64_t>(st.st_size) > kMaxKeyFileBytes) {
    ::close(fd);
    return Status::InvalidInput(path + ": " + std::to_string(st.st_size) +
                                " bytes, too large for a key");
  }
  std::string data(static_cast<size_t>(st.st_size), '\0');
  const int err = base::ReadFully(fd, &data);
  ::close(fd);
  if (err != 0) {
    OPENSSL_cleanse(data.data(), data.size());  // a part of a private key
    return Status::IOError(path + ": cannot read: " + std::strerror(err));
  }
  return data;
}

}  // namespace

std::string OpenSslError(std::string_view what) {
  std::string out(what);
  bool first = true;
  const char* data = nullptr;
  int flags = 0;
  while (unsigned long e = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags)) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    out += first ? ": " : "; ";
    out += buf;
    // Some errors carry their detail here, such as X.509's
    // "Verify error:certificate has expired".
    if ((flags & ERR_TXT_STRING) != 0 && data != nullptr && *data != '\0') {
      out += " (";
      out += data;
      out += ")";
    }
    first = false;
  }
  if (first) out += ": failed";
  return out;
}

// --- PublicKey

Result<PublicKey> PublicKey::FromEvp(std::string_view name, std::shared_ptr<EVP_PKEY> pkey) {
  if (!IsEd25519(pkey.get())) {
    ERR_clear_error();
    return Status::InvalidInput(std::string(name) +
                                ": not an Ed25519 key (provcheck signs with "
                                "Ed25519 only)");
  }
  // The DER SubjectPublicKeyInfo: the keyid's input, and a public-only copy
  // of the key, so a PublicKey never holds private material.
  unsigned char* der = nullptr;
  int der_len = i2d_PUBKEY(pkey.get(), &der);
  if (der_len <= 0) return Status::Internal(OpenSslError(std::string(name) + ": i2d_PUBKEY"));
  std::string der_bytes(reinterpret_cast<const char*>(der), static_cast<size_t>(der_len));
  OPENSSL_free(der);
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der_bytes.data());
  std::shared_ptr<EVP_PKEY> pub = Own(d2i_PUBKEY(nullptr, &p, der_len));
  if (!pub) return Status::Internal(OpenSslError(std::string(name) + ": d2i_PUBKEY"));
  return PublicKey(std::move(pub), base::Sha256Hex(der_bytes));
}

Result<PublicKey> PublicKey::FromPem(std::string_view name, std::string_view pem) {
  PROVCHECK_ASSIGN_OR_RETURN(BioPtr bio, ReadBio(name, pem));
  std::shared_ptr<EVP_PKEY> pkey =
      Own(PEM_read_bio_PUBKEY(bio.get(), nullptr, NoPassphrase, nullptr));
  if (!pkey) {
    return Status::InvalidInput(OpenSslError(
        std::string(name) + ": expected a PEM public key (-----BEGIN PUBLIC KEY-----)"));
  }
  return FromEvp(name, std::move(pkey));
}

Result<PublicKey> PublicKey::Load(const std::string& path) {
  PROVCHECK_ASSIGN_OR_RETURN(std::string pem,
                             base::FileSystem::Default().ReadFile(path, kMaxKeyFileBytes));
  return FromPem(path, pem);
}

Result<std::string> PublicKey::ToPem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), pkey_.get()) != 1) {
    return Status::Internal(OpenSslError("PEM_write_bio_PUBKEY"));
  }
  return BioContents(bio.get());
}

bool PublicKey::Verify(std::string_view message, std::string_view signature) const {
  if (signature.size() != kEd25519SignatureBytes) return false;
  MdCtxPtr ctx(EVP_MD_CTX_new());
  // Ed25519 is "pure": no separate digest, so the md argument is null and
  // the whole message goes to the one-shot EVP_DigestVerify.
  bool ok =
      ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey_.get()) == 1 &&
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) == 1;
  ERR_clear_error();  // a bad signature is an answer, not an error to keep
  return ok;
}

// --- PrivateKey

Result<PrivateKey> PrivateKey::FromEvp(std::string_view name, std::shared_ptr<EVP_PKEY> pkey) {
  PROVCHECK_ASSIGN_OR_RETURN(PublicKey pub, PublicKey::FromEvp(name, pkey));
  return PrivateKey(std::move(pkey), std::move(pub));
}

Result<PrivateKey> PrivateKey::Generate() {
  std::shared_ptr<EVP_PKEY> pkey = Own(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!pkey) return Status::Internal(OpenSslError("Ed25519 key generation"));
  return FromEvp("new key", std::move(pkey));
}

Result<PrivateKey> PrivateKey::FromPem(std::string_view name, std::string_view pem) {
  if (pem.find("-----BEGIN ENCRYPTED PRIVATE KEY-----") != std::string_view::npos) {
    return Status::InvalidInput(std::string(name) +
                                ": an encrypted private key; provcheck needs an unencrypted "
                                "PKCS#8 key (mode 0600) such as provcheck keygen writes");
  }
  PROVCHECK_ASSIGN_OR_RETURN(BioPtr bio, ReadBio(name, pem));
  std::shared_ptr<EVP_PKEY> pkey =
      Own(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
  if (!pkey) {
    return Status::InvalidInput(OpenSslError(
        std::string(name) + ": expected a PEM private key (-----BEGIN PRIVATE KEY-----)"));
  }
  return FromEvp(name, std::move(pkey));
}

Result<PrivateKey> PrivateKey::Load(const std::string& path) {
  PROVCHECK_ASSIGN_OR_RETURN(std::string pem, ReadPrivateKeyFile(path));
  Result<PrivateKey> key = FromPem(path, pem);
  OPENSSL_cleanse(pem.data(), pem.size());
  return key;
}

Result<std::string> PrivateKey::ToPem() const {
  // The secure-heap memory BIO wipes its buffer when freed.
  BioPtr bio(BIO_new(BIO_s_secmem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), pkey_.get(), nullptr, nullptr, 0, nullptr,
                                       nullptr) != 1) {
    return Status::Internal(OpenSslError("PEM_write_bio_PrivateKey"));
  }
  return BioContents(bio.get());
}

Result<std::string> PrivateKey::Sign(std::string_view message) const {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, pkey_.get()) != 1) {
    return Status::Internal(OpenSslError("EVP_DigestSignInit"));
  }
  std::string sig(kEd25519SignatureBytes, '\0');
  size_t sig_len = sig.size();
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &sig_len,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    return Status::Internal(OpenSslError("EVP_DigestSign"));
  }
  if (sig_len != kEd25519SignatureBytes) {
    return Status::Internal("EVP_DigestSign: " + std::to_string(sig_len) + " bytes, expected 64");
  }
  return sig;
}

// --- Files

Status WriteKeyFiles(const std::string& name, const PrivateKey& key) {
  const std::string key_path = name + ".key";
  const std::string pub_path = name + ".pub";
  for (const std::string& path : {key_path, pub_path}) {
    struct stat st;
    if (::lstat(path.c_str(), &st) == 0) {
      return Status::InvalidArgument(path +
                                     ": already exists; keygen never overwrites a key "
                                     "(choose another NAME, or move the old files away)");
    }
  }
  PROVCHECK_ASSIGN_OR_RETURN(std::string private_pem, key.ToPem());
  PROVCHECK_ASSIGN_OR_RETURN(std::string public_pem, key.public_key().ToPem());
  Status s = WriteNewFile(key_path, private_pem, 0600);
  OPENSSL_cleanse(private_pem.data(), private_pem.size());
  PROVCHECK_RETURN_IF_ERROR(s);
  s = WriteNewFile(pub_path, public_pem, 0644);
  if (!s.ok()) {
    ::unlink(key_path.c_str());
    return s;
  }
  base::SyncParentFolder(key_path);
  return Status::Ok();
}

}  // namespace provcheck::sign
