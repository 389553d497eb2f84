"""The model registry API."""
import logging
import os

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from slowapi import Limiter
from slowapi.util import get_remote_address
from starlette.middleware.base import BaseHTTPMiddleware

from src.middleware.jwt_auth import JWTAuthMiddleware
from src.routes.artifacts import router as artifact_router

logger = logging.getLogger("registry")
SENSITIVE_HEADERS = {"authorization", "cookie", "x-authorization", "x-api-key"}
ALLOWED_ORIGINS = [o for o in os.environ.get("CORS_ORIGINS", "").split(",") if o]

limiter = Limiter(key_func=get_remote_address, storage_uri=os.environ["RATE_LIMIT_STORAGE_URI"])
app = FastAPI(title="registry")
app.state.limiter = limiter


def redact_headers(headers):
    return {k: ("[REDACTED]" if k.lower() in SENSITIVE_HEADERS or "token" in k.lower() else v)
            for k, v in headers.items()}


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    logger.error("unhandled error on %s headers=%s", request.url.path, redact_headers(request.headers))
    return JSONResponse({"detail": "internal error"}, status_code=500)


app.add_middleware(
    CORSMiddleware,
    allow_origins=ALLOWED_ORIGINS,
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)


class LoggingMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        logger.info("request %s %s headers=%s", request.method, request.url.path, redact_headers(request.headers))
        return await call_next(request)


app.add_middleware(LoggingMiddleware)
app.add_middleware(JWTAuthMiddleware)
app.include_router(artifact_router)


@app.get("/health")
def health():
    return {"status": "ok"}


@app.post("/auth/login")
@limiter.limit("5/minute")
def login(request: Request, credentials: dict):
    return {"token": "..."}
