"""Parity corpus for Bandit B614."""
import torch
# parity: expect B614
model = torch.load('model.pt')
torch.load('model.pt', weights_only=True)
