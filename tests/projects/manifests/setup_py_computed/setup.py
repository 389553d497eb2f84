import os
from setuptools import setup

BASE = ["flask"]
BASE.append("click")
with open("requirements.txt") as f:
    PINNED = [line.strip() for line in f]
config = dict(name="x")

setup(
    install_requires=BASE,
    extras_require={
        "pinned": PINNED,
        "env": [os.environ.get("EXTRA_PACKAGE", "none"), "rich"],
        "joined": ["a"] + ["b"],
    },
    **config,
)
