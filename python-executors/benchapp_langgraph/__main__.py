from benchapp_common.server import serve

from .executor import LangGraphExecutor

if __name__ == "__main__":
    serve(LangGraphExecutor)
