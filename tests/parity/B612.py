"""Parity corpus for Bandit B612."""
import logging.config
# parity: expect B612
logging.config.listen(9999)

from logging.config import listen as listen_for_config
def check_signature(data):
    return data
def f():
    # parity: expect B612
    return listen_for_config(9030, verify=None)
def g():
    return listen_for_config(9030, verify=check_signature)
