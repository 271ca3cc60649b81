from benchapp_common.server import serve

from .executor import BaselineExecutor

if __name__ == "__main__":
    serve(BaselineExecutor.from_settings)
