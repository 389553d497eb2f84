import cryptography
import idna
import requests
import yaml
