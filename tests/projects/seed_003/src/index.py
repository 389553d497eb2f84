"""The model registry API."""
import logging

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.middleware.base import BaseHTTPMiddleware

from src.middleware.jwt_auth import JWTAuthMiddleware
from src.routes.artifacts import router as artifact_router

logger = logging.getLogger("registry")

app = FastAPI(title="registry")


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    logger.error("unhandled error on %s headers=%s", request.url.path, dict(request.headers))
    return JSONResponse({"detail": "internal error"}, status_code=500)


app.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)


class LoggingMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        logger.info("request %s %s headers=%s", request.method, request.url.path, request.headers)
        return await call_next(request)


app.add_middleware(LoggingMiddleware)
app.add_middleware(JWTAuthMiddleware)
app.include_router(artifact_router)


@app.get("/health")
def health():
    return {"status": "ok"}


@app.post("/auth/login")
def login(credentials: dict):
    return {"token": "..."}
