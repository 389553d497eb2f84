"""Parity corpus for Bandit B301."""
import pickle
import cPickle
def f(data, fh):
    pickle.loads(data)
    pickle.load(fh)
from pickle import loads as pl
def g(data):
    return pl(data)
