"""Parity corpus for Bandit B403."""
import pickle
import dill as serializer
# parity: bandit-wrong B403 -- writing pickles runs nothing; only loading does
from pickle import dumps
