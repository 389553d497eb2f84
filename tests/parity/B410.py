"""Parity corpus for Bandit B410."""
import lxml
