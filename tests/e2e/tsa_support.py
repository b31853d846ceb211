"""A real RFC 3161 time-stamping authority on loopback, for the tests.

`openssl ts -reply` answers each query, signing with a TSA certificate issued
by a test CA that this module makes with the openssl command line, behind a
tiny HTTP server on 127.0.0.1 and a free port. The server runs in a thread,
answers one request at a time, and is stopped by the test that started it.

The request path picks the answer:
  /             granted, signed by the good TSA certificate
  /expired      granted, signed by a TSA certificate that expired yesterday
                (made with python3-cryptography: openssl 3.0's x509 command
                cannot back-date a certificate)
  /other-bytes  granted, but stamping other bytes than the query's imprint
  /error        HTTP 500
  /garbage      HTTP 200 with bytes that are no TimeStampResp
"""

import datetime
import http.server
import os
import shutil
import subprocess
import threading

OPENSSL = shutil.which("openssl")

TS_CONFIG = """\
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = {serial}
signer_digest = sha256
default_policy = 1.3.6.1.4.1.4146.2.3
digests = sha256
ess_cert_id_alg = sha256
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
"""


def run(*args, cwd=None, data=None):
    proc = subprocess.run(list(args), cwd=cwd, input=data, capture_output=True, timeout=60)
    if proc.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(args), proc.stderr.decode()))
    return proc.stdout


def make_ca(folder, name, cn):
    """A self-signed P-256 root: <name>.pem and <name>.key in `folder`."""
    run(OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-nodes", "-keyout", name + ".key", "-out", name + ".pem", "-days", "3650",
        "-subj", "/CN=" + cn, "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)
    return os.path.join(folder, name + ".pem")


def make_tsa_cert(folder, ca, name, cn):
    """A TSA certificate for one year, issued by `ca`, EKU timeStamping (critical)."""
    with open(os.path.join(folder, "tsa.ext"), "w") as f:
        f.write("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                "extendedKeyUsage=critical,timeStamping\n")
    run(OPENSSL, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + cn,
        cwd=folder)
    run(OPENSSL, "x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
        "-CAcreateserial", "-out", name + ".pem", "-days", "365", "-extfile", "tsa.ext",
        cwd=folder)


def make_expired_tsa_cert(folder, ca, name, cn):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    with open(os.path.join(folder, ca + ".key"), "rb") as f:
        ca_key = serialization.load_pem_private_key(f.read(), None)
    with open(os.path.join(folder, ca + ".pem"), "rb") as f:
        ca_cert = x509.load_pem_x509_certificate(f.read())
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)]))
            .issuer_name(ca_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=30))
            .not_valid_after(now - datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False,
                                         False), True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), True)
            .sign(ca_key, hashes.SHA256()))
    with open(os.path.join(folder, name + ".pem"), "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(os.path.join(folder, name + ".key"), "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))


class Tsa:
    """The authority's files in `folder`, and its server once started."""

    def __init__(self, folder):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)
        self.ca_pem = make_ca(folder, "ca", "provcheck test TSA root")
        self.other_ca_pem = make_ca(folder, "other-ca", "some other root")
        make_tsa_cert(folder, "ca", "tsa", "provcheck test TSA")
        make_expired_tsa_cert(folder, "ca", "expired", "provcheck expired TSA")
        with open(os.path.join(folder, "serial"), "w") as f:
            f.write("01\n")
        with open(os.path.join(folder, "ts.cnf"), "w") as f:
            f.write(TS_CONFIG.format(serial=os.path.join(folder, "serial")))
        self.lock = threading.Lock()
        self.requests = 0
        self.server = None

    def reply(self, query, signer="tsa"):
        """openssl ts -reply for the DER `query`; returns the DER TimeStampResp."""
        with self.lock:
            self.requests += 1
            qfile = os.path.join(self.folder, "q.tsq")
            rfile = os.path.join(self.folder, "r.tsr")
            with open(qfile, "wb") as f:
                f.write(query)
            run(OPENSSL, "ts", "-reply", "-config", "ts.cnf", "-queryfile", qfile,
                "-signer", signer + ".pem", "-inkey", signer + ".key", "-out", rfile,
                cwd=self.folder)
            with open(rfile, "rb") as f:
                return f.read()

    def query_for(self, data):
        """A query (with certReq) for `data`, as openssl ts -query makes it."""
        path = os.path.join(self.folder, "data.bin")
        with open(path, "wb") as f:
            f.write(data)
        return run(OPENSSL, "ts", "-query", "-data", path, "-sha256", "-cert")

    def start(self):
        tsa = self

        class Handler(http.server.BaseHTTPRequestHandler):
            timeout = 10

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                query = self.rfile.read(min(length, 1 << 16))
                if self.path == "/error":
                    return self.answer(500, b"broken", "text/plain")
                if self.path == "/garbage":
                    return self.answer(200, b"\x30\x03\x02\x01\x07junk", "application/timestamp-reply")
                if self.path == "/other-bytes":
                    query = tsa.query_for(b"other bytes than the signature")
                signer = "expired" if self.path == "/expired" else "tsa"
                self.answer(200, tsa.reply(query, signer), "application/timestamp-reply")

            def answer(self, code, body, content_type):
                self.send_response(code)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):  # keep test output quiet
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1},
                                       daemon=True)
        self.thread.start()
        return self

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.thread.join(10)
            self.server = None


def free_port():
    """A port on 127.0.0.1 that nothing listens on (bound, then closed)."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
