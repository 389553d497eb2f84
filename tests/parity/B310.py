"""Parity corpus for Bandit B310."""
import urllib.request
def f(url):
    return urllib.request.urlopen(url)
