#include "sign/http_client.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <memory>
#include <optional>

namespace provcheck::sign {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kMaxHeaderBytes = 64 << 10;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// A socket closed when it goes out of scope.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// One exchange with a deadline; every failure names the URL.
class Exchange {
 public:
  Exchange(std::string_view url, Clock::time_point deadline) : url_(url), deadline_(deadline) {}

  Status Failed(const std::string& what) const {
    return Status::IOError("timestamp authority " + url_ + ": " + what);
  }

  // Milliseconds left, at least 0.
  int LeftMs() const {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
    return left.count() > 0 ? static_cast<int>(left.count()) : 0;
  }

  Status Wait(int fd, short events, const char* doing) const {
    while (true) {
      const int left = LeftMs();
      if (left == 0) return Failed(std::string("no answer in time while ") + doing);
      pollfd p{fd, events, 0};
      const int n = ::poll(&p, 1, left);
      if (n > 0) return Status::Ok();
      if (n < 0 && errno != EINTR) return Failed(std::string("poll: ") + std::strerror(errno));
    }
  }

  Result<int> Connect(const HttpUrl& url) const {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (int rc = ::getaddrinfo(url.host.c_str(), url.port.c_str(), &hints, &found); rc != 0) {
      return Failed("cannot resolve " + url.host + ": " + ::gai_strerror(rc));
    }
    std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> owner(found, ::freeaddrinfo);
    std::string last = "no address";
    for (addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
      Fd s{
          ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol)};
      if (s.fd < 0) {
        last = std::strerror(errno);
        continue;
      }
      if (::connect(s.fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        if (errno != EINPROGRESS) {
          last = std::strerror(errno);
          continue;
        }
        PROVCHECK_RETURN_IF_ERROR(Wait(s.fd, POLLOUT, "connecting"));
        int err = 0;
        socklen_t len = sizeof err;
        if (::getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
        if (err != 0) {
          last = std::strerror(err);
          continue;
        }
      }
      const int fd = s.fd;
      s.fd = -1;
      return fd;
    }
    return Failed("cannot connect: " + last);
  }

  Status SendAll(int fd, std::string_view data) const {
    while (!data.empty()) {
      ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
      if (n > 0) {
        data.remove_prefix(static_cast<size_t>(n));
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        PROVCHECK_RETURN_IF_ERROR(Wait(fd, POLLOUT, "sending"));
      } else if (n < 0 && errno != EINTR) {
        return Failed(std::string("cannot send: ") + std::strerror(errno));
      }
    }
    return Status::Ok();
  }

  // Reads everything until the peer closes, at most `cap` bytes.
  Result<std::string> ReceiveAll(int fd, size_t cap) const {
    std::string in;
    char buf[16384];
    while (true) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n > 0) {
        if (in.size() + static_cast<size_t>(n) > cap) {
          return Status::ResourceLimit("timestamp authority " + url_ + ": reply larger than " +
                                       std::to_string(cap) + " bytes");
        }
        in.append(buf, static_cast<size_t>(n));
      } else if (n == 0) {
        return in;
      } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
        PROVCHECK_RETURN_IF_ERROR(Wait(fd, POLLIN, "reading the reply"));
      } else if (errno != EINTR) {
        return Failed(std::string("cannot read the reply: ") + std::strerror(errno));
      }
    }
  }

  const std::string& url() const { return url_; }

 private:
  std::string url_;
  Clock::time_point deadline_;
};

// Decodes a chunked body (RFC 9112 section 7.1); trailers are ignored.
Result<std::string> Unchunk(const Exchange& ex, std::string_view in, size_t cap) {
  std::string out;
  while (true) {
    size_t eol = in.find("\r\n");
    if (eol == std::string_view::npos) return ex.Failed("truncated chunked reply");
    std::string_view size_text = in.substr(0, eol);
    size_text = size_text.substr(0, size_text.find(';'));
    size_t size = 0;
    auto [end, ec] =
        std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16);
    if (ec != std::errc() || end != size_text.data() + size_text.size() || size_text.empty()) {
      return ex.Failed("bad chunk size in the reply");
    }
    in.remove_prefix(eol + 2);
    if (size == 0) return out;
    if (size > cap - out.size() || in.size() < size + 2) {
      return size > cap - out.size()
                 ? Status::ResourceLimit("timestamp authority " + ex.url() +
                                         ": reply larger than " + std::to_string(cap) + " bytes")
                 : ex.Failed("truncated chunked reply");
    }
    out.append(in.substr(0, size));
    in.remove_prefix(size + 2);
  }
}

Result<HttpResponse> ParseReply(const Exchange& ex, std::string_view raw, size_t cap) {
  const size_t head_end = raw.find("\r\n\r\n");
  if (head_end == std::string_view::npos) return ex.Failed("reply is not HTTP (no header end)");
  if (head_end > kMaxHeaderBytes) return ex.Failed("reply headers over 64 KiB");
  std::string_view head = raw.substr(0, head_end);
  std::string_view body = raw.substr(head_end + 4);
  const size_t first_eol = head.find("\r\n");
  std::string_view status_line = head.substr(0, first_eol);
  HttpResponse out;
  if (status_line.size() < 12 || status_line.substr(0, 7) != "HTTP/1." || status_line[8] != ' ' ||
      std::from_chars(status_line.data() + 9, status_line.data() + 12, out.status).ec !=
          std::errc()) {
    return ex.Failed("reply is not HTTP/1.x: " + std::string(status_line.substr(0, 60)));
  }
  bool chunked = false;
  std::optional<size_t> length;
  std::string_view rest = first_eol == std::string_view::npos ? "" : head.substr(first_eol + 2);
  while (!rest.empty()) {
    const size_t eol = rest.find("\r\n");
    std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? "" : rest.substr(eol + 2);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view name = line.substr(0, colon), value = Trim(line.substr(colon + 1));
    if (EqualsIgnoreCase(name, "content-type")) out.content_type = std::string(value);
    if (EqualsIgnoreCase(name, "transfer-encoding") && EqualsIgnoreCase(value, "chunked")) {
      chunked = true;
    }
    if (EqualsIgnoreCase(name, "content-length")) {
      size_t n = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || end != value.data() + value.size()) {
        return ex.Failed("bad Content-Length in the reply");
      }
      length = n;
    }
  }
  if (chunked) {
    PROVCHECK_ASSIGN_OR_RETURN(out.body, Unchunk(ex, body, cap));
  } else if (length) {
    if (*length > cap) {
      return Status::ResourceLimit("timestamp authority " + ex.url() + ": reply of " +
                                   std::to_string(*length) + " bytes, more than " +
                                   std::to_string(cap));
    }
    if (body.size() < *length) return ex.Failed("reply shorter than its Content-Length");
    out.body = std::string(body.substr(0, *length));
  } else {
    out.body = std::string(body);
  }
  return out;
}

}  // namespace

Result<HttpUrl> ParseHttpUrl(std::string_view url, const UrlRules& rules) {
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument(std::string(rules.what) + " \"" +
                                   std::string(url.substr(0, 200)) + "\": " + why);
  };
  HttpUrl out;
  std::string_view kScheme = "http://";
  if (url.size() >= 8 && EqualsIgnoreCase(url.substr(0, 8), "https://")) {
    if (!rules.allow_https) {
      return bad(
          "https is not supported; RFC 3161 replies are signed, so use the TSA's "
          "http:// address");
    }
    kScheme = "https://";
    out.https = true;
  } else if (url.size() < kScheme.size() || !EqualsIgnoreCase(url.substr(0, 7), kScheme)) {
    return bad(rules.allow_https ? "expected http(s)://HOST[:PORT][/PATH]"
                                 : "expected http://HOST[:PORT][/PATH]");
  }
  std::string_view rest = url.substr(kScheme.size());
  if (rest.find('#') != std::string_view::npos) return bad("a fragment (#) is not allowed");
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  out.path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (authority.find('@') != std::string_view::npos) return bad("user information is not allowed");
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad("unclosed '[' in the host");
    out.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') return bad("unexpected text after ']'");
    if (!after.empty()) port = after.substr(1);
  } else {
    const size_t colon = authority.find(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (out.host.empty()) return bad("no host");
  if (port.empty()) {
    out.port = out.https ? "443" : "80";
  } else {
    unsigned n = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), n);
    if (ec != std::errc() || end != port.data() + port.size() || n == 0 || n > 65535) {
      return bad("port must be a number from 1 to 65535");
    }
    out.port = std::to_string(n);
  }
  for (char c : out.path) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return bad("spaces or controls in path");
  }
  return out;
}

Result<HttpResponse> HttpPost(std::string_view url, std::string_view content_type,
                              std::string_view body, const HttpPostOptions& options) {
  PROVCHECK_ASSIGN_OR_RETURN(HttpUrl parsed, ParseHttpUrl(url));
  Exchange ex(url, Clock::now() + options.timeout);
  PROVCHECK_ASSIGN_OR_RETURN(int fd, ex.Connect(parsed));
  Fd owner{fd};
  const bool v6 = parsed.host.find(':') != std::string::npos;
  std::string request =
      "POST " + parsed.path + " HTTP/1.1\r\nHost: " + (v6 ? "[" + parsed.host + "]" : parsed.host) +
      (parsed.port == "80" ? "" : ":" + parsed.port) +
      "\r\nUser-Agent: provcheck\r\nContent-Type: " + std::string(content_type) +
      "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n";
  for (const auto& [name, value] : options.headers) request += name + ": " + value + "\r\n";
  request += "\r\n";
  request.append(body);
  PROVCHECK_RETURN_IF_ERROR(ex.SendAll(fd, request));
  PROVCHECK_ASSIGN_OR_RETURN(std::string raw,
                             ex.ReceiveAll(fd, options.max_response_bytes + kMaxHeaderBytes));
  return ParseReply(ex, raw, options.max_response_bytes);
}

}  // namespace provcheck::sign
