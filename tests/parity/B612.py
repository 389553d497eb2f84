"""Parity corpus for Bandit B612."""
import logging.config
# parity: expect B612
logging.config.listen(9999)
