import flask
import itsdangerous
import requests
