from archcode.cli import run

run()
