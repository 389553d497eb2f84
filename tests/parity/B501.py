"""Parity corpus for Bandit B501."""
import requests
requests.get('https://example.com', verify=False, timeout=5)
