"""Parity corpus for Bandit B615."""
from transformers import AutoModel
# parity: expect B615
m = AutoModel.from_pretrained('bert-base-uncased')
AutoModel.from_pretrained('bert-base-uncased', revision='86b5e0934494bd15c9632b12f734a8a67f723594')

import transformers as tf
from datasets import load_dataset
from huggingface_hub import hf_hub_download
# parity: expect B615
tok = tf.AutoTokenizer.from_pretrained('bert-base-uncased', revision='main')
# parity: expect B615
squad = load_dataset('squad')
# parity: expect B615
weights = hf_hub_download(repo_id='acme/detector', filename='model.safetensors')
local = AutoModel.from_pretrained('./checkpoints/best')
table = load_dataset('csv', data_files='train.csv')
