"""Whole-organisation import (issue 14 item 5) against moto 5.2.5: AWS Organizations, STS and
EC2 across four accounts × two regions, with moto's IAM enforcement switched on for the import
so that one account's role really cannot be assumed (an explicit Deny), and throttling injected
at the HTTP layer on top of moto (moto never throttles)."""

from __future__ import annotations

import json

import pytest

boto3 = pytest.importorskip("boto3")
moto = pytest.importorskip("moto")

from botocore.awsrequest import AWSResponse  # noqa: E402
from importer_helpers import load_result  # noqa: E402
from moto.core import set_initial_no_auth_action_count  # noqa: E402
from moto.core.botocore_stubber import MockRawResponse  # noqa: E402

from vpcdocs.importers.aws_org import STATE_DIR, OrgOptions, import_org  # noqa: E402
from vpcdocs.importers.spec_writer import render_tree, write_tree  # noqa: E402

REGIONS = ["eu-west-1", "us-east-1"]
ROLE = "audit"
MGMT = "123456789012"  # moto's default account: the management account


def _session(creds):
    return boto3.Session(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                         aws_session_token=creds.get("SessionToken"), region_name="us-east-1")


def _policy(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def build_org():
    """Three member accounts with an ``audit`` role and one VPC per region each; the second
    member's VPC in us-east-1 is peered with the first's (cross-account). The management
    account's user may assume ``audit`` everywhere except in the third member (explicit Deny)."""
    org = boto3.client("organizations", region_name="us-east-1")
    org.create_organization(FeatureSet="ALL")
    members = []
    for name in ("shop", "data", "legacy"):
        created = org.create_account(AccountName=name, Email=f"{name}@example.com")
        status = org.describe_create_account_status(CreateAccountRequestId=created["CreateAccountStatus"]["Id"])
        members.append(status["CreateAccountStatus"]["AccountId"])
    sts = boto3.client("sts", region_name="us-east-1")
    vpcs = {}
    for n, account in enumerate(members):
        creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/OrganizationAccountAccessRole",
                                RoleSessionName="setup")["Credentials"]
        session = _session(creds)
        iam = session.client("iam")
        iam.create_role(RoleName=ROLE, AssumeRolePolicyDocument=_policy(
            {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{MGMT}:root"}, "Action": "sts:AssumeRole"}))
        iam.put_role_policy(RoleName=ROLE, PolicyName="read-only", PolicyDocument=_policy(
            {"Effect": "Allow", "Action": ["ec2:Describe*", "ec2:Get*", "ec2:Search*", "elasticloadbalancing:Describe*",
                                           "directconnect:Describe*"], "Resource": "*"}))
        for r, region in enumerate(REGIONS):
            ec2 = session.client("ec2", region_name=region)
            vpc = ec2.create_vpc(CidrBlock=f"10.{10 * n + r}.0.0/16", TagSpecifications=[
                {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": f"{['shop', 'data', 'legacy'][n]}-{region}"}]}
            ])["Vpc"]["VpcId"]
            ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.{10 * n + r}.1.0/24", AvailabilityZone=f"{region}a")
            vpcs[(account, region)] = (vpc, ec2)
    a_vpc, a_ec2 = vpcs[(members[0], "us-east-1")]
    b_vpc, b_ec2 = vpcs[(members[1], "us-east-1")]
    pcx = a_ec2.create_vpc_peering_connection(VpcId=a_vpc, PeerVpcId=b_vpc, PeerOwnerId=members[1])[
        "VpcPeeringConnection"]["VpcPeeringConnectionId"]
    b_ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=pcx)
    iam = boto3.client("iam", region_name="us-east-1")
    iam.create_user(UserName="auditor")
    iam.put_user_policy(UserName="auditor", PolicyName="org-import", PolicyDocument=_policy(
        {"Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": f"arn:aws:iam::{members[2]}:role/{ROLE}"}))
    key = iam.create_access_key(UserName="auditor")["AccessKey"]
    return {"members": members, "pcx": pcx, "key": key}


class Throttle:
    """HTTP-level fault injection: the first ``n`` DescribeSubnets calls of ``region`` get AWS's
    503 RequestLimitExceeded answer before moto sees them."""

    def __init__(self, region, n):
        self.region, self.left, self.hits = region, n, 0

    def __call__(self, client):
        if client.meta.region_name == self.region and client.meta.service_model.service_name == "ec2":
            client.meta.events.register_first("before-send.ec2.DescribeSubnets", self.send)

    def send(self, request, **_kwargs):
        if self.left <= 0:
            return None
        self.left -= 1
        self.hits += 1
        body = (b"<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded."
                b"</Message></Error></Errors><RequestID>r</RequestID></Response>")
        return AWSResponse(request.url, 503, {}, MockRawResponse(body))


@pytest.fixture(scope="module")
def org():
    """One organisation for the module (moto is slow to build it); tests run in file order and
    the last ones may change it (the resume test lifts the Deny)."""
    with pytest.MonkeyPatch.context() as mp:
        for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                           "AWS_DEFAULT_REGION": "us-east-1"}.items():
            mp.setenv(key, value)
        for key in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):
            mp.delenv(key, raising=False)
        with moto.mock_aws():
            yield build_org()


@pytest.fixture(scope="module")
def first(org, tmp_path_factory):
    """The first import of the organisation (shared by the tests that look at it)."""
    out = tmp_path_factory.mktemp("org")
    throttle = Throttle("eu-west-1", 3)
    found, bar, slept = _run(org, out, throttle=throttle)
    return found, bar, (throttle, slept), out


def _run(org, tmp_path, resume=False, throttle=None, regions=REGIONS):
    slept = []
    # botocore's own retries off (they sleep for real): vpcdocs' back-off handles the throttling
    opts = OrgOptions(role_name=ROLE, external_id="vpcdocs-test", regions=regions, workers=4,
                      state_dir=tmp_path / "out" / STATE_DIR, resume=resume, sleep=slept.append, on_client=throttle,
                      max_attempts=1, retry_mode="standard")
    session = boto3.Session(aws_access_key_id=org["key"]["AccessKeyId"],
                            aws_secret_access_key=org["key"]["SecretAccessKey"], region_name="us-east-1")
    bar = []

    @set_initial_no_auth_action_count(0)  # moto checks IAM policies from here on
    def run():
        return import_org(opts, session=session, bar=lambda *a: bar.append(a))

    return run(), bar, slept


def test_org_import_reports_the_failed_account_and_keeps_the_rest(org, first):
    shop, data, legacy = org["members"]
    found, bar, (throttle, slept), _ = first
    # the account whose role cannot be assumed: reported with AWS's reason, nothing else lost
    assert [(f.account, f.region) for f in found.failures] == [(legacy, "*")]
    assert found.failures[0].reason.startswith(f"cannot assume role {ROLE}: AccessDenied")
    assert found.read == sorted((a, r) for a in (MGMT, shop, data) for r in REGIONS)
    # throttled calls were retried (botocore first, then our back-off) and the task succeeded
    assert throttle.hits == 3 and len(slept) == 3 and all(0 < s <= 20 for s in slept)
    # one progress bar: every account and account/region advanced it once, the failure counted
    assert bar[-1][:3] == (4 + 6, 4 + 6, 1)
    result = found.result
    folders = {rel.split("/")[0] for rel in result.files if "/" in rel}
    assert folders == {MGMT, shop, data}  # one folder per account
    assert f"{shop}/vpcs/shop-us-east-1.yaml" in result.files and f"{data}/vpcs/data-eu-west-1.yaml" in result.files
    # the cross-account peering both accounts list: one object, kept with the requester's account
    peerings = {rel: doc["peerings"] for rel, doc in result.files.items() if "peerings" in doc}
    assert list(peerings) == [f"{shop}/shared.yaml"]
    (pcx,) = peerings[f"{shop}/shared.yaml"].values()
    assert pcx["aws_id"] == org["pcx"] and {pcx["requester"], pcx["accepter"]} == {"shop-us-east-1", "data-us-east-1"}
    topo = load_result(result)
    assert {v.account for v in topo.vpcs} == {MGMT, shop, data}
    assert {v.region for v in topo.vpcs} == set(REGIONS)


def test_read_only_even_with_assumed_roles(org, tmp_path):
    """The before-call hook is on every client the org import makes: only reads and sts:AssumeRole."""
    from vpcdocs.importers.aws_api import ReadOnlyViolation

    made = []
    found, _, _ = _run(org, tmp_path, throttle=made.append, regions=["us-east-1"])
    assert found.read and made
    for client in made:
        name = client.meta.service_model.service_name
        if name == "ec2":
            with pytest.raises(ReadOnlyViolation):
                client.create_vpc(CidrBlock="10.250.0.0/16")
        if name == "sts":
            with pytest.raises(ReadOnlyViolation):
                client.assume_role_with_web_identity(RoleArn="arn:aws:iam::1:role/x", RoleSessionName="xx",
                                                     WebIdentityToken="t" * 10)


def test_cli_reports_the_failure_writes_the_rest_and_exits_1(org, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from vpcdocs.cli import cli

    shop, data, legacy = org["members"]
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", org["key"]["AccessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", org["key"]["SecretAccessKey"])
    out = tmp_path / "org"

    @set_initial_no_auth_action_count(0)
    def run(*extra):
        return CliRunner().invoke(cli, ["import", "aws", "--org", "--role-name", ROLE, "--region", "us-east-1",
                                        "--workers", "3", "-o", str(out), *extra])

    res = run()
    assert res.exit_code == 1, res.stderr
    assert f"aws:{legacy}/*: error[I-AWS]: cannot assume role {ROLE}: AccessDenied" in res.stderr
    assert "re-run with --resume" in res.stderr
    assert "] 7/7, 1 failed" in res.stderr  # the progress bar's last step (4 accounts + 3 account/regions)
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted([MGMT, shop, data])
    assert (out / shop / "vpcs" / "shop-us-east-1.yaml").is_file()
    res = run("--vpc", "vpc-1")
    assert res.exit_code == 2 and "--vpc cannot be combined with --org" in res.stderr
    res = CliRunner().invoke(cli, ["import", "aws", "--org", "-o", str(out)])
    assert res.exit_code == 2 and "--org needs --role-name" in res.stderr


def test_resume_reads_only_what_is_missing(org, first):
    shop, data, legacy = org["members"]
    found, _, _, tmp_path = first
    assert len(found.failures) == 1
    write_tree(found.result.files, tmp_path / "out", "h")
    assert (tmp_path / "out" / STATE_DIR / shop / "us-east-1.json").is_file()  # carried over by the swap
    assert (tmp_path / "out" / STATE_DIR / ".gitignore").read_text() == "*\n"  # not for version control
    # the cause is fixed: the Deny is lifted
    boto3.client("iam", region_name="us-east-1").put_user_policy(
        UserName="auditor", PolicyName="org-import", PolicyDocument=_policy({"Effect": "Allow", "Action": "*",
                                                                            "Resource": "*"}))
    again, _, _ = _run(org, tmp_path, resume=True)
    assert again.failures == []
    assert again.read == [(legacy, r) for r in REGIONS]  # only the account that failed
    assert len(again.resumed) == 6
    assert f"{legacy}/vpcs/legacy-us-east-1.yaml" in again.result.files
    # what the earlier run read is the same, byte for byte, when taken from its saved state
    before = render_tree(found.result.files, "h")
    after = render_tree(again.result.files, "h")
    assert {k: v for k, v in after.items() if not k.startswith(legacy)} == before
