"""Parity corpus for Bandit B108."""
# parity: expect B108
f = open('/tmp/app.log', 'w')
# parity: expect B108
LOG = '/tmp/cache.db'
