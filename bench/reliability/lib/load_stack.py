"""The processes the load suite runs against: cairn servers (SQLite and local disk, or PostgreSQL and S3), a PostgreSQL
(Debian's postgresql, run as the postgres user in the work directory), an S3Proxy (its own JVM, HTTPS with a
self-signed certificate as cairn-s3's S3ProxyFixture does); the HTTP balancer in front of several servers is
balancer.py."""
import glob
import hashlib
import os
import shutil
import subprocess
import threading
import time
import urllib.request

import rel

ADMIN_PASSWORD = "reliability-admin"
S3_ACCESS, S3_SECRET = "cairn-load-access", "cairn-load-secret-not-a-real-one"
KEYSTORE_PASSWORD = "cairn-load-keystore"
HEAP = "-Xmx256m"


class Server:
    """One `cairn server` JVM (-Xmx256m, as ./cairn runs it); restartable with the same options after a kill."""

    def __init__(self, work, name, port, config=None, jvm_props=()):
        """CONFIG: keys of cairn-server.yaml (db, store), written into the server's data directory, where `server
        token add` finds them too."""
        self.work, self.name, self.port = work, name, port
        data = os.path.join(work, name)
        os.makedirs(data, exist_ok=True)
        if config:
            with open(os.path.join(data, "cairn-server.yaml"), "w") as f:
                f.writelines(f"{k}: '{v}'\n" for k, v in config.items())
        self.args = [rel.JAVA, HEAP, "-Xss1m", *jvm_props, "--enable-native-access=ALL-UNNAMED", "-jar", rel.JAR,
                     "server", "--data-dir", data, "--listen", f"127.0.0.1:{port}"]
        self.jvm_props = list(jvm_props)
        self.proc = None
        self.peak_rss_kib = 0

    def start(self):
        env = dict(os.environ, CAIRN_ADMIN_PASSWORD=ADMIN_PASSWORD, MALLOC_ARENA_MAX="2")
        log = open(os.path.join(self.work, f"{self.name}.log"), "a")
        self.proc = subprocess.Popen(self.args, env=env, stdout=log, stderr=subprocess.STDOUT)
        wait_ready(f"http://127.0.0.1:{self.port}/readyz", self.proc, 300)
        return self

    def sample_rss(self):
        """Keeps the highest VmHWM (peak resident set) seen of any run of this server."""
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        self.peak_rss_kib = max(self.peak_rss_kib, int(line.split()[1]))
        except (OSError, AttributeError):
            pass

    def kill9(self):
        self.sample_rss()
        self.proc.kill()
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.sample_rss()
            self.proc.terminate()
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def jstack(self, path):
        """A thread dump of the running server into PATH (for a hang the probe saw)."""
        jcmd = os.path.join(os.path.dirname(rel.JAVA), "jcmd")
        with open(path + ".log", "w") as out:
            subprocess.run([jcmd, str(self.proc.pid), "Thread.dump_to_file", "-overwrite", path],
                           stdout=out, stderr=subprocess.STDOUT, timeout=60)


def wait_ready(url, proc, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{proc.args[0]} exited with {proc.returncode} before it was ready ({url})")
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except Exception:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"not ready within {seconds} s: {url}")


def token(server, name):
    """A full-scope API token of the admin account, made through a running server's database."""
    cmd = [rel.JAVA, "--enable-native-access=ALL-UNNAMED", "-jar", rel.JAR, "server", "token", "add", "admin", "--scope",
           "full", "--name", name, "--data-dir", os.path.join(server.work, server.name)]
    return subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True).stdout.strip()


class Postgres:
    """Debian's PostgreSQL in WORK/pg on PORT (trust authentication on 127.0.0.1), owned by the postgres user."""

    def __init__(self, work, port):
        self.dir, self.port = os.path.join(work, "pg"), port
        self.bin = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
        self.proc = None

    def start(self):
        os.makedirs(self.dir, exist_ok=True)
        shutil.chown(self.dir, "postgres", "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
        subprocess.run(as_pg + [f"{self.bin}/initdb", "-D", f"{self.dir}/data", "-U", "cairn", "--auth=trust", "-E", "UTF8"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, check=True)
        log = open(os.path.join(self.dir, "postgres.log"), "a")
        shutil.chown(log.name, "postgres", "postgres")
        self.proc = subprocess.Popen(as_pg + [f"{self.bin}/postgres", "-D", f"{self.dir}/data", "-p", str(self.port),
                                              "-k", self.dir, "-h", "127.0.0.1", "-c", "max_connections=100"],
                                     stdout=log, stderr=subprocess.STDOUT)
        for _ in range(300):
            if subprocess.run([f"{self.bin}/pg_isready", "-h", "127.0.0.1", "-p", str(self.port)],
                              stdout=subprocess.DEVNULL).returncode == 0:
                break
            time.sleep(0.1)
        subprocess.run(as_pg + [f"{self.bin}/createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "cairn", "cairn"],
                       check=True)
        return self

    def url(self):
        return f"postgresql://cairn:cairn@127.0.0.1:{self.port}/cairn"

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=60)


class S3Proxy:
    """S3Proxy 4.1 (the version the tests use) in its own JVM, HTTPS on PORT, storing into WORK/s3 (one directory per
    bucket). Its classpath comes from Maven, offline, once (cached under the temp directory)."""
    BUCKET = "cairn-load"

    def __init__(self, work, port):
        self.work, self.port = work, port
        self.dir = os.path.join(work, "s3")
        self.keystore = os.path.join(work, "s3-keystore.p12")
        self.proc = None

    def start(self):
        os.makedirs(os.path.join(self.dir, self.BUCKET), exist_ok=True)
        keytool = os.path.join(os.path.dirname(rel.JAVA), "keytool")
        if not os.path.exists(self.keystore):  # a restart keeps its certificate (servers trust it since their start)
            subprocess.run([keytool, "-genkeypair", "-alias", "s3proxy", "-keyalg", "EC", "-groupname", "secp256r1",
                            "-validity", "7", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                            "-storetype", "PKCS12", "-keystore", self.keystore, "-storepass", KEYSTORE_PASSWORD,
                            "-keypass", KEYSTORE_PASSWORD], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                           check=True)
        props = os.path.join(self.work, "s3proxy.properties")
        with open(props, "w") as f:
            f.write(f"s3proxy.secure-endpoint=https://127.0.0.1:{self.port}\ns3proxy.keystore-path={self.keystore}\n"
                    f"s3proxy.keystore-password={KEYSTORE_PASSWORD}\ns3proxy.authorization=aws-v2-or-v4\n"
                    f"s3proxy.identity={S3_ACCESS}\ns3proxy.credential={S3_SECRET}\njclouds.provider=filesystem-nio2\n"
                    f"jclouds.identity=unused\njclouds.credential=unused\njclouds.filesystem.basedir={self.dir}\n")
        log = open(os.path.join(self.work, "s3proxy.log"), "a")
        self.proc = subprocess.Popen([rel.JAVA, "-Xmx512m", "-cp", s3proxy_classpath(self.work), "org.gaul.s3proxy.Main",
                                      "--properties", props], stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"S3Proxy exited with {self.proc.returncode}; see {log.name}")
            r = subprocess.run(["curl", "-sk", "-o", "/dev/null", f"https://127.0.0.1:{self.port}/"])
            if r.returncode == 0:
                return self
            time.sleep(0.3)
        raise SystemExit("S3Proxy did not start within 120 s")

    def location(self):
        return f"s3://{self.BUCKET}/cairn?endpoint=https://127.0.0.1:{self.port}&region=us-east-1"

    def jvm_props(self):
        """What a server JVM needs to reach it: trust its certificate, its keys for the AWS default chain."""
        return [f"-Djavax.net.ssl.trustStore={self.keystore}", f"-Djavax.net.ssl.trustStorePassword={KEYSTORE_PASSWORD}",
                "-Djavax.net.ssl.trustStoreType=PKCS12", f"-Daws.accessKeyId={S3_ACCESS}",
                f"-Daws.secretAccessKey={S3_SECRET}", "-Daws.disableEc2Metadata=true"]

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=60)


def s3proxy_classpath(work):
    pom = os.path.join(rel.ROOT, "pom.xml")
    key = hashlib.sha256(open(pom, "rb").read()).hexdigest()[:16]
    cached = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"cairn-load-s3proxy-{key}.cp")
    if not os.path.exists(cached):
        d = os.path.join(work, "s3proxy-pom")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "pom.xml"), "w") as f:
            f.write(f"""<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <parent><groupId>dev.cairn</groupId><artifactId>cairn-parent</artifactId><version>0.1.0-SNAPSHOT</version>
    <relativePath>{pom}</relativePath></parent>
  <artifactId>load-s3proxy-classpath</artifactId>
  <dependencies><dependency><groupId>org.gaul</groupId><artifactId>s3proxy</artifactId></dependency></dependencies>
</project>""")
        subprocess.run([os.path.join(rel.ROOT, "mvnw"), "-o", "-q", "-B", "-f", os.path.join(d, "pom.xml"),
                        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
                        f"-Dmdep.outputFile={cached}.tmp"], check=True, stdout=subprocess.DEVNULL)
        os.replace(cached + ".tmp", cached)
    return open(cached).read().strip()


def store_bytes(directory):
    """Bytes of every stored object under DIRECTORY (S3Proxy's or the local store's files; none is temporary)."""
    total = 0
    for dirpath, _, names in os.walk(directory):
        for n in names:
            if not n.startswith(".") and not n.endswith((".tmp", ".part")):
                total += os.path.getsize(os.path.join(dirpath, n))
    return total
