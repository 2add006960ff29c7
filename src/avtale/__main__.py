from avtale.cli import main

main()
