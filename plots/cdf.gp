# govsim figure @@NAME@@: a distribution as a cumulative share, log time axis.
# Data: @@NAME@@.dat, one block per scenario (index 0, 1, ...): x share_at_or_below_x.
# Dashed vertical lines mark the model's limits (e.g. time limits).
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
set key bottom right noenhanced
set grid lc rgb '#dddddd'
set border 3
set tics nomirror
set logscale x
set yrange [0:100]
set format y '%g%%'
@@SETTINGS@@
@@PLOT@@
set terminal svg size 1000,600 font @@FONT@@ noenhanced background rgb 'white'
set output govsim_svg
replot
unset output
