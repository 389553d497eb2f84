"""Value-level categories: the flaw is a constant reaching a call (a weak algorithm name, a
non-cryptographic generator for a security value, a cookie flag left False), so each
variant is judged by the value that arrives, through literals, variables, constant keys,
folded conditions, reassignments and the project's settings helpers.

PARAM is the request input the handler works on (a password, a preference, ...).
"""
from parts import Sink as V

HASH = [
    V("md5", True, 'digest = hashlib.md5(PARAM.encode("utf-8")).hexdigest()'),
    V("sha1", True, 'digest = hashlib.sha1(PARAM.encode("utf-8")).hexdigest()'),
    V("hashlib.new md5", True, 'digest = hashlib.new("md5", PARAM.encode("utf-8")).hexdigest()'),
    V("algorithm variable sha1", True, '''
algorithm = "sha1"
hasher = hashlib.new(algorithm)
hasher.update(PARAM.encode("utf-8"))
digest = hasher.hexdigest()'''),
    V("settings helper legacy_digest", True,
      'digest = hashlib.new(legacy_digest(), PARAM.encode("utf-8")).hexdigest()'),
    V("settings helper digest_for legacy", True,
      'digest = hashlib.new(digest_for("legacy"), PARAM.encode("utf-8")).hexdigest()'),
    V("constant dict weak key", True,
      'digest = hashlib.new(ALGORITHMS["fast"], PARAM.encode("utf-8")).hexdigest()',
      module_code='ALGORITHMS = {"fast": "md5", "strong": "sha256"}'),
    V("folded ternary picks md5", True, '''
n = 3
algorithm = "sha256" if n * 4 < 10 else "md5"
digest = hashlib.new(algorithm, PARAM.encode("utf-8")).hexdigest()'''),
    V("reassigned to weak", True, '''
algorithm = "sha256"
algorithm = "sha1"
digest = hashlib.new(algorithm, PARAM.encode("utf-8")).hexdigest()'''),
    V("function alias sha1", True, '''
hash_func = hashlib.sha1
digest = hash_func(PARAM.encode("utf-8")).hexdigest()'''),
    V("cryptography MD5", True, '''
hasher = hashes.Hash(hashes.MD5())
hasher.update(PARAM.encode("utf-8"))
digest = hasher.finalize().hex()'''),
    V("ini file, weak entry", True,
      'digest = hashlib.new(configured_digest("legacy"), PARAM.encode("utf-8")).hexdigest()'),
    V("list after pop", True, '''
algorithms = ["sha256", "md5"]
algorithms.pop(0)
digest = hashlib.new(algorithms[0], PARAM.encode("utf-8")).hexdigest()'''),
    V("class attribute", True, '''
digest = hashlib.new(HashPolicy.ALGORITHM, PARAM.encode("utf-8")).hexdigest()''',
      module_code='class HashPolicy:\n    ALGORITHM = "sha1"'),
    V("from-import md5", True, 'digest = md5(PARAM.encode("utf-8")).hexdigest()'),
    V("sha256", False, 'digest = hashlib.sha256(PARAM.encode("utf-8")).hexdigest()'),
    V("sha512", False, 'digest = hashlib.sha512(PARAM.encode("utf-8")).hexdigest()'),
    V("hashlib.new sha384", False,
      'digest = hashlib.new("sha384", PARAM.encode("utf-8")).hexdigest()'),
    V("algorithm variable sha256", False, '''
algorithm = "sha256"
hasher = hashlib.new(algorithm)
hasher.update(PARAM.encode("utf-8"))
digest = hasher.hexdigest()'''),
    V("settings helper password_digest", False,
      'digest = hashlib.new(password_digest(), PARAM.encode("utf-8")).hexdigest()'),
    V("settings helper digest_for passwords", False,
      'digest = hashlib.new(digest_for("passwords"), PARAM.encode("utf-8")).hexdigest()'),
    V("constant dict strong key", False,
      'digest = hashlib.new(ALGORITHMS["strong"], PARAM.encode("utf-8")).hexdigest()',
      module_code='ALGORITHMS = {"fast": "md5", "strong": "sha256"}'),
    V("folded ternary picks sha256", False, '''
n = 2
algorithm = "sha256" if n * 4 < 10 else "md5"
digest = hashlib.new(algorithm, PARAM.encode("utf-8")).hexdigest()'''),
    V("reassigned to strong", False, '''
algorithm = "md5"
algorithm = "sha512"
digest = hashlib.new(algorithm, PARAM.encode("utf-8")).hexdigest()'''),
    V("function alias sha3_256", False, '''
hash_func = hashlib.sha3_256
digest = hash_func(PARAM.encode("utf-8")).hexdigest()'''),
    V("cryptography SHA256", False, '''
hasher = hashes.Hash(hashes.SHA256())
hasher.update(PARAM.encode("utf-8"))
digest = hasher.finalize().hex()'''),
    V("pbkdf2_hmac sha256", False,
      'digest = hashlib.pbkdf2_hmac("sha256", PARAM.encode("utf-8"), SALT, 600_000).hex()',
      module_code='SALT = b"per-deployment-salt"'),
    V("ini file, strong entry", False,
      'digest = hashlib.new(configured_digest("modern"), PARAM.encode("utf-8")).hexdigest()'),
    V("list after pop, strong", False, '''
algorithms = ["md5", "sha256"]
algorithms.pop(0)
digest = hashlib.new(algorithms[0], PARAM.encode("utf-8")).hexdigest()'''),
    V("class attribute, strong", False, '''
digest = hashlib.new(HashPolicy.ALGORITHM, PARAM.encode("utf-8")).hexdigest()''',
      module_code='class HashPolicy:\n    ALGORITHM = "sha512"'),
    V("from-import sha256", False, 'digest = sha256(PARAM.encode("utf-8")).hexdigest()'),
    V("blake2b", False,
      'digest = hashlib.blake2b(PARAM.encode("utf-8"), digest_size=32).hexdigest()'),
]

ALPHABET = 'ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"'
WEAKRAND = [
    V("getrandbits token", True, 'token = "%032x" % random.getrandbits(128)'),
    V("randint one-time code", True, "token = str(random.randint(100000, 999999))"),
    V("random.choice join", True,
      'token = "".join(random.choice(ALPHABET) for _ in range(32))', module_code=ALPHABET),
    V("random.choices", True, 'token = "".join(random.choices(ALPHABET, k=24))',
      module_code=ALPHABET),
    V("random.random digits", True, "token = str(random.random())[2:]"),
    V("random.Random instance", True,
      "rng = random.Random()\ntoken = str(rng.randrange(10 ** 8))"),
    V("helper fast_rng", True, 'token = "%x" % fast_rng().getrandbits(64)'),
    V("uuid from getrandbits", True, "token = str(uuid.UUID(int=random.getrandbits(128)))"),
    V("from-import randint", True, "token = str(randint(100000, 999999))"),
    V("function alias", True, 'pick = random.choice\ntoken = "".join(pick(ALPHABET) for _ in range(20))',
      module_code=ALPHABET),
    V("random.sample", True, 'token = "".join(random.sample(ALPHABET, 16))', module_code=ALPHABET),
    V("secrets.token_hex", False, "token = secrets.token_hex(16)"),
    V("secrets.token_urlsafe", False, "token = secrets.token_urlsafe(32)"),
    V("secrets.choice join", False,
      'token = "".join(secrets.choice(ALPHABET) for _ in range(32))', module_code=ALPHABET),
    V("SystemRandom", False, "token = str(random.SystemRandom().randint(100000, 999999))"),
    V("os.urandom", False, "token = os.urandom(16).hex()"),
    V("uuid4", False, "token = uuid.uuid4().hex"),
    V("secrets.randbelow", False, 'token = "%06d" % secrets.randbelow(10 ** 6)'),
    V("helper secure_rng", False, 'token = "%x" % secure_rng().getrandbits(128)'),
    V("from-import token_urlsafe", False, "token = token_urlsafe(24)"),
    V("function alias, secrets", False,
      'pick = secrets.choice\ntoken = "".join(pick(ALPHABET) for _ in range(20))', module_code=ALPHABET),
    V("SystemRandom sample", False, 'token = "".join(random.SystemRandom().sample(ALPHABET, 16))',
      module_code=ALPHABET),
    # random for values that protect nothing: not a weak-random flaw
    V("random tip order (not security)", False,
      'tips = ["Use two-factor login", "Check the sender", "Lock your screen"]\n'
      "random.shuffle(tips)\ntoken = tips[0]"),
    V("random greeting (not security)", False,
      'token = random.choice(["Hello", "Welcome back", "Good to see you"])'),
]

# COOKIE_ATTR is `secure` (CWE-614) or `httponly` (CWE-1004); OTHER_ATTR the other one.
COOKIE = [
    V("attribute omitted", True, 'COOKIE_CALL(OTHER_ATTR=True)'),
    V("attribute False", True, 'COOKIE_CALL(COOKIE_ATTR=False, OTHER_ATTR=True)'),
    V("flag variable False", True, 'flag = False\nCOOKIE_CALL(COOKIE_ATTR=flag)'),
    V("flag reassigned False", True, 'flag = True\nflag = False\nCOOKIE_CALL(COOKIE_ATTR=flag)'),
    V("options dict False", True,
      'options = {"COOKIE_ATTR": False, "samesite": "Lax"}\nCOOKIE_CALL(**options)'),
    V("settings legacy_cookie_options", True, "COOKIE_CALL(**legacy_cookie_options())"),
    V("folded condition False", True, 'flag = len("abc") > 5\nCOOKIE_CALL(COOKIE_ATTR=flag)'),
    V("dict entry overwritten False", True,
      'options = {"COOKIE_ATTR": True}\noptions["COOKIE_ATTR"] = False\nCOOKIE_CALL(**options)'),
    V("list element", True,
      'flags = [True, False]\nCOOKIE_CALL(COOKIE_ATTR=flags[1])'),
    V("attribute True", False, 'COOKIE_CALL(COOKIE_ATTR=True, OTHER_ATTR=True)'),
    V("attribute True, other omitted", False, 'COOKIE_CALL(COOKIE_ATTR=True)'),
    V("flag variable True", False, 'flag = True\nCOOKIE_CALL(COOKIE_ATTR=flag)'),
    V("flag reassigned True", False, 'flag = False\nflag = True\nCOOKIE_CALL(COOKIE_ATTR=flag)'),
    V("options dict True", False,
      'options = {"COOKIE_ATTR": True, "samesite": "Lax"}\nCOOKIE_CALL(**options)'),
    V("dict entry overwritten True", False,
      'options = {"COOKIE_ATTR": False}\noptions["COOKIE_ATTR"] = True\nCOOKIE_CALL(**options)'),
    V("list element, True", False,
      'flags = [True, False]\nCOOKIE_CALL(COOKIE_ATTR=flags[0])'),
    V("settings cookie_options", False, "COOKIE_CALL(**cookie_options())"),
    V("settings constant", False, "COOKIE_CALL(COOKIE_ATTR=SETTINGS_CONSTANT)"),
    V("folded condition True", False, 'flag = len("abc") < 5\nCOOKIE_CALL(COOKIE_ATTR=flag)'),
]

VALUE_VARIANTS = {"hash": HASH, "weakrand": WEAKRAND, "securecookie": COOKIE,
                  "httponly": COOKIE}
