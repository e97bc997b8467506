# govsim figure @@NAME@@: Morris screening of one KPI, the mu*-sigma plane.
# Data: @@NAME@@.dat, one row per parameter: mu_star mu_star_conf95 sigma label.
# Far right: the parameter matters; high up: its effect depends on the others
# (interactions) or bends (non-linear). Re-draw from this folder with: gnuplot @@NAME@@.gp
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
set key top left noenhanced
set grid lc rgb '#dddddd'
set border 3
set tics nomirror
set xrange [0:*]
set yrange [0:*]
set offsets graph 0, graph 0.15, graph 0.1, 0
@@SETTINGS@@
@@PLOT@@
set terminal svg size 1000,600 font @@FONT@@ noenhanced background rgb 'white'
set output govsim_svg
replot
unset output
