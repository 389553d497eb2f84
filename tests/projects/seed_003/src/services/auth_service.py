import boto3
from fastapi import HTTPException, Request

_table = boto3.resource("dynamodb").Table("tokens")


def consume_token_use(jti):
    item = _table.get_item(Key={"jti": jti}).get("Item")
    if not item or item["remaining_uses"] <= 0:
        return False
    if item["remaining_uses"] == 1:
        _table.delete_item(Key={"jti": jti})
    else:
        _table.update_item(Key={"jti": jti}, UpdateExpression="SET remaining_uses = remaining_uses - :one",
                           ExpressionAttributeValues={":one": 1})
    return True


def get_current_user(request: Request):
    user = getattr(request.state, "user", None)
    if user is None:
        raise HTTPException(status_code=401)
    return user
