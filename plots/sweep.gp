# govsim figure @@NAME@@: a KPI against the swept value, 95 % band, target line.
# Data: @@NAME@@.dat: value mean lo95 hi95, sorted by value.
# Re-draw from this folder with: gnuplot @@NAME@@.gp
reset
# govsim draws into temporary files and renames them once complete; run by hand,
# the script writes @@NAME@@.png and @@NAME@@.svg.
if (!exists("govsim_png")) govsim_png = '@@NAME@@.png'
if (!exists("govsim_svg")) govsim_svg = '@@NAME@@.svg'
set encoding utf8
set datafile missing 'NaN'
set terminal pngcairo size 1000,600 font @@FONT@@ noenhanced
set output govsim_png
set title @@TITLE@@ noenhanced
set xlabel @@XLABEL@@ noenhanced
set ylabel @@YLABEL@@ noenhanced
set key top right noenhanced
set grid lc rgb '#dddddd'
set border 3
set tics nomirror
set offsets graph 0.02, graph 0.02, 0, 0
@@SETTINGS@@
@@PLOT@@
set terminal svg size 1000,600 font @@FONT@@ noenhanced background rgb 'white'
set output govsim_svg
replot
unset output
