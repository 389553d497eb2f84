from fastapi import FastAPI
# expect: DEP001 severity=critical
import sqlalchemy

app = FastAPI()
