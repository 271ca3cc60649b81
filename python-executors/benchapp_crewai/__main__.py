from benchapp_common.server import serve

from .executor import CrewAiExecutor

if __name__ == "__main__":
    serve(CrewAiExecutor)
