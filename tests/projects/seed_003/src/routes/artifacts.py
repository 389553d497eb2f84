import logging

from fastapi import APIRouter, Depends, UploadFile

from src.services.auth_service import get_current_user

audit_log = logging.getLogger("registry.audit")
router = APIRouter(prefix="/artifact")


@router.get("/{model_id}")
def get_artifact(model_id: str):
    return {"id": model_id}


@router.post("/{model_id}/upload")
async def upload_artifact(model_id: str, file: UploadFile, user=Depends(get_current_user)):
    content = await file.read()
    return {"id": model_id, "size": len(content)}


@router.delete("/{model_id}")
def delete_artifact(model_id: str, user=Depends(get_current_user)):
    audit_log.info("artifact deleted", extra={"model_id": model_id, "user_id": user["sub"]})
    return {"deleted": model_id}
