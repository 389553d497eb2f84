from setuptools import setup

print "building"
setup(install_requires=["flask"])
