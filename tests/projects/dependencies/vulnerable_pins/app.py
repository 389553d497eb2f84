import jinja2
import multipart
import requests
import urllib3
import werkzeug
from flask import Flask
