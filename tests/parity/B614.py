"""Parity corpus for Bandit B614."""
import torch
# parity: expect B614
model = torch.load('model.pt')
torch.load('model.pt', weights_only=True)

from torch import load as load_checkpoint
def f(path):
    # parity: expect B614
    state = load_checkpoint(path, weights_only=False)
    # parity: expect B614
    extra = torch.serialization.load(path, map_location="cpu")
    return state, extra
