"""python-baseline: the agent loop in plain asyncio + httpx, history in Redis (one write per turn)."""
