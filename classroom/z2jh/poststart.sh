#!/usr/bin/env bash
# poststart.sh — Kubernetes runs this in each student's container when it
# starts (Zero to JupyterHub: singleuser.lifecycleHooks.postStart, see
# values.yaml). It gives the student what install.sh --enrol gives them on
# one server, in their persistent home:
#   ~/nnlesson/              links to the course's Go packages in the image
#   ~/nnlesson/lessons/      their own copy of the student's edition
# A lesson the student already has is never overwritten; new lessons are
# added. The lessons' first cell links them to the module in their folder's
# parent ("${GONB_DIR}/.."), that is ~/nnlesson.
#
# NNLESSON_COURSE: the course in the image (repo2docker --target-repo-dir),
# default /srv/course; its student/ folder is the student's edition that
# binder/postBuild wrote.
set -eu
course=${NNLESSON_COURSE:-/srv/course}
mkdir -p "$HOME/nnlesson/lessons"
for entry in "$course"/*; do
	name=$(basename "$entry")
	case $name in
	notebooks | student | cmd | classroom | bench | scripts | binder | handouts) continue ;;
	esac
	if [ "$name" = go.mod ] || [ "$name" = go.sum ] || ls "$entry"/*.go >/dev/null 2>&1; then
		[ -e "$HOME/nnlesson/$name" ] || ln -s "$entry" "$HOME/nnlesson/$name"
	fi
done
cp -rn "$course/student/." "$HOME/nnlesson/lessons/"
