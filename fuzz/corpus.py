"""Seed inputs and hostile values the fuzzer mutates: shipped specs, small inline specs,
importer fixtures, and names built to break terminals, pages, file systems and PR comments."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SMALL_SPECS = [
    "region: us-east-1\nvpcs:\n  vpc-a: {cidr: 10.0.0.0/16}\n",
    """\
region: us-east-1
vpcs:
  vpc-a:
    name: VPC A
    cidr: 10.0.0.0/16
    internet_gateway: igw-a
    subnets:
      a-public: {cidr: 10.0.0.0/24, az: us-east-1a, route_table: a-public}
      a-private: {cidr: 10.0.1.0/24, az: us-east-1a, route_table: a-private}
    nat_gateways:
      nat-a: {subnet: a-public}
    route_tables:
      a-public:
        routes:
          - {destination: 0.0.0.0/0, target: igw-a}
      a-private:
        main: true
        routes:
          - {destination: 0.0.0.0/0, target: nat-a}
          - {destination: 10.1.0.0/16, target: pcx-a-b}
    endpoints:
      s3-gw: {type: gateway, service: s3, route_tables: [a-private]}
  vpc-b:
    cidr: 10.1.0.0/16
    subnets:
      b-app: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: b-app}
    route_tables:
      b-app:
        routes:
          - {destination: 10.0.0.0/16, target: pcx-a-b}
peerings:
  pcx-a-b: {requester: vpc-a, accepter: vpc-b}
expect:
  - {from: b-app, to: a-private, reachable: true}
""",
]


def spec_seeds() -> list[tuple[str, bytes]]:
    """(name, bytes) of every seed spec file."""
    seeds = [(f"small-{i}.yaml", text.encode()) for i, text in enumerate(SMALL_SPECS)]
    for folder in (REPO / "specs", REPO / "tests" / "spec" / "data"):
        for path in sorted(folder.glob("*.yaml")):
            seeds.append((path.name, path.read_bytes()))
    return seeds


def aws_json_seeds() -> list[Path]:
    """Folders of saved describe-* JSON (CLI output, placebo recordings, Batfish snapshots)."""
    root = REPO / "tests" / "fixtures" / "importers"
    folders = sorted({p.parent for p in (root / "aws-cli").rglob("*.json")})
    folders += sorted(p for p in (root / "batfish").glob("*/aws_configs"))
    return folders


def terraform_seeds() -> list[Path]:
    root = REPO / "tests" / "fixtures" / "importers" / "terraform"
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".json", ".tfstate"))


HOSTILE_NAMES = [
    "\x1b[2J\x1b[H", "vpc-\x1b]0;pwned\x07", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "\x9b31mred", "\x9d0;title\x9c", "a\x7fb", "bell\x07", "back\x08space", "cr\rreturn", "nul\x00",
    "admin\u202egnp.exe", "zero\u200bwidth", "\u2066isolate\u2069", "line\u2028sep", "\ufeffbom",
    "@alice", "@acme/network-admins", "owner: @bob", "https://evil.example/x", "www.evil.example",
    "eve@example.com", "fixes #12", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "a|b", "[x](javascript:alert(1))", "*bold* _it_", "`code`", "$(rm -rf /)", "; rm -rf /",
    "../../etc/passwd", "..", ".", "/", "a/b", "a\\b", "C:\\x", "CON", "con", "NUL.txt", "com1", "LPT9",
    "VPC-A", "vpc-a", "vpc-a-97971024", "Vpc-A", "vpc_a", "vpc a", " ", "", "-rf", "--help", "-o",
    "v" * 300, "東京リージョン本番環境ネットワーク共有サービス基盤", "😀🚀", "ﬁ", "e\u0301", "é",
    "%00", "%1b[31m", "{{ x }}", "${x}", "'quote", '"dq', "\\", "\t", "\n", "0123", "1e400", "NaN",
    "true", "null", "~", "<<", "=", "&a", "*a", "!!python/object:os.system",
]

TOKENS = [
    b": ", b"- ", b"{", b"}", b"[", b"]", b"&a ", b"*a", b"!!python/object/apply:os.system ['id']",
    b"!Ref x", b"!!set {a}", b"<<: *a", b"\t", b"'", b'"', b"\\", b"#", b"---\n", b"...\n", b"? ",
    b"0x" + b"f" * 5000, b"9" * 5000, b"~", b"null", b"\xff\xfe", b"\x00", b"\xef\xbb\xbf", b"\x1b]0;x\x07",
    b"\xc2\x9b", b"\xe2\x80\xae", b"\r\n", b"\n" * 3, b"  ", b"|\n", b">\n", b"%YAML 1.1\n", b"%TAG ! tag:x,1:\n",
    b'"\\ud800"', b'"\\e[31m"', b"10.0.0.0/33", b"::/0", b"0.0.0.0/0", b"1e400", b".nan", b"2024-01-01",
]

CIDRS = ["10.0.0.0/16", "10.0.0.0/33", "10.0.0.1/16", "256.0.0.0/8", "0.0.0.0/0", "::/0", "fd00::/8",
         "10.0.0.0/8", "10.0.0.0/32", "10.0.0.0", "10.0.0.0/-1", "10.0.0.0/016", "", "x", "2001:db8::/129",
         "10.1.0.0/16", "192.168.0.0/24", "100.64.0.0/10"]
