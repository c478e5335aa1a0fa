"""Seeded mutation of real and synthetic inputs (values of the wrong type, removed fields, huge
integers, hostile text): the translators never raise, and what they write reads back as written."""

from __future__ import annotations

import copy
import json
import random

import yaml
from synthetic import estate

from vpcdocs.importers.aws_json import load_path
from vpcdocs.importers.describe import translate
from vpcdocs.importers.model import AwsSnapshot, ImportFailure
from vpcdocs.importers.spec_writer import render_tree
from vpcdocs.importers.terraform import Converter
from vpcdocs.importers.terraform.parse import parse

JUNK = [None, 1, -1, 10**40, "x", "", [], {}, [1], {"a": 1}, True, 1.5, "10.0.0.0/33", "::/0", "\x1b[2J", "sg-1",
        "vpc-b390fad5", "'yes'", "a: b", "#x"]


def mutate(value, rnd):
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            r = rnd.random()
            if r < 0.05:
                continue
            out[k] = rnd.choice(JUNK) if r < 0.12 else mutate(v, rnd)
        return out
    if isinstance(value, list):
        out = [mutate(x, rnd) for x in value if rnd.random() > 0.05]
        if rnd.random() < 0.05:
            out.append(rnd.choice(JUNK))
        return out
    return rnd.choice(JUNK) if rnd.random() < 0.03 else value


def test_describe_translation_survives_mutations(fixtures):
    base = [*load_path(fixtures / "batfish/hybrid-cloud-aws")[0],
            AwsSnapshot(region="us-east-1", account="111122223333", data=estate(1))]
    for seed in range(60):
        rnd = random.Random(seed)
        snaps = [AwsSnapshot(region=s.region, account=s.account, source=s.source, data=mutate(s.data, rnd))
                 for s in base]
        result = translate(snaps, by_account=seed % 2 == 1)
        texts = render_tree(result.files, "h")
        if seed % 6 == 0:  # reading YAML back is the slow part
            for rel, text in texts.items():
                assert yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) == result.files[rel], (seed, rel)


def test_terraform_conversion_survives_mutations(fixtures):
    doc = json.loads((fixtures / "terraform/checkov/tests/terraform/runner/resources/plan/tfplan.json").read_text())
    for seed in range(40):
        try:
            resources, configuration, _ = parse(mutate(copy.deepcopy(doc), random.Random(seed)), "plan.json")
        except ImportFailure:
            continue
        result = Converter(resources, configuration, "plan.json", None).run()
        render_tree(result.files, "h")
