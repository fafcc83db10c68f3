from eval.numeric_cross_finder.finders import main

main()
