# -*- coding: utf-8 -*-
from setuptools import find_packages, setup

REQUIRES = [
    "flask>=2.3",
    'itsdangerous',
]
CACHE = "redis>=5"
EXTRAS = {
    "cache": [CACHE],
    "multi": """
        gunicorn>=21
        gevent  # optional worker
    """,
}

setup(
    name="héllo",
    packages=find_packages(),
    install_requires=REQUIRES,
    extras_require=EXTRAS,
)
