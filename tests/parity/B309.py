"""Parity corpus for Bandit B309."""
import http.client
http.client.HTTPSConnection('example.com')
