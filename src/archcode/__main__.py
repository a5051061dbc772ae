from archcode.cli import main

main()
