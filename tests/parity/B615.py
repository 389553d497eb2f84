"""Parity corpus for Bandit B615."""
from transformers import AutoModel
# parity: expect B615
m = AutoModel.from_pretrained('bert-base-uncased')
AutoModel.from_pretrained('bert-base-uncased', revision='86b5e0934494bd15c9632b12f734a8a67f723594')
