"""LLM backends behind one small protocol; llama.cpp and OpenAI-compatible servers."""
