from setuptools import setup

BASE = [
    # expect: DEP002
    "PyYAML==5.3",
    "requests>=2.32.4",
]

setup(
    name="pkg",
    install_requires=BASE,
    extras_require={"cli": ["click>=8"]},
)
