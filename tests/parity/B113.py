"""Parity corpus for Bandit B113."""
import requests
import httpx
# parity: expect B113
requests.get('https://example.com')
# parity: expect B113
requests.post('https://example.com', data={}, timeout=None)
# Not a finding: httpx applies a 5 s timeout by default.
httpx.get('https://example.com')
requests.get('https://example.com', timeout=5)
