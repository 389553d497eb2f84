"""The JWT signing secret: AWS Secrets Manager in production, the environment elsewhere."""
import os

import boto3

ENVIRONMENT = os.environ["PYTHON_ENV"]
_cached_secret = None


def _from_secrets_manager():
    client = boto3.client("secretsmanager")
    response = client.get_secret_value(SecretId=os.environ["JWT_SECRET_ARN"])
    return response["SecretString"]


def get_jwt_secret():
    global _cached_secret
    if _cached_secret is not None:
        return _cached_secret
    if ENVIRONMENT == "production":
        _cached_secret = _from_secrets_manager()
        return _cached_secret
    from_env = os.getenv("JWT_SECRET")
    if from_env:
        _cached_secret = from_env
        return _cached_secret
    raise RuntimeError("JWT_SECRET is not set: refusing to start without a signing secret")
