from benchapp_common.server import serve

from .executor import AdkExecutor

if __name__ == "__main__":
    serve(AdkExecutor)
