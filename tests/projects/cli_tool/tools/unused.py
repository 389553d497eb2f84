import pickle


def load(blob):
    return pickle.loads(blob)


def load_cache(blob):
    return pickle.loads(blob)  # aegis: ignore[DSR002] -- the cache is written by this tool only
