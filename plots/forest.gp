# govsim figure @@NAME@@: a comparison's paired differences from the baseline.
# Data: @@NAME@@.dat, one row per KPI and compared scenario: y change_pct lo_pct hi_pct colour
# (y: the KPI's row, offset per scenario; change in percent of the baseline's mean, with
# the 95 % CI of the paired difference; colour: green better, red worse, grey small or
# not significant, by each KPI's good direction and practical threshold).
# The legend is written as labels under the axis (gnuplot's key sizes CJK text too wide).
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
set key off
set grid xtics lc rgb '#dddddd'
set border 1
set tics nomirror
set ytics scale 0
set arrow from 0, graph 0 to 0, graph 1 nohead lw 1.5 lc rgb '#444444' back
@@SETTINGS@@
@@PLOT@@
set terminal svg size 1000,600 font @@FONT@@ noenhanced background rgb 'white'
set output govsim_svg
replot
unset output
