"""Parity corpus for Bandit B403."""
import pickle
