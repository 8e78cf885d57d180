from quotediff.cli import main

main()
