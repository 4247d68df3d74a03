#ifndef AURORA_CLINUXSHIMS_H
#define AURORA_CLINUXSHIMS_H
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <signal.h>

// What Glibc does not export to Swift: epoll, eventfd, signalfd and accept4 (built with _GNU_SOURCE in shims.c).
int aurora_epoll_create(void);
int aurora_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data);
int aurora_epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout);
int aurora_eventfd(unsigned int initval);
int aurora_signalfd(const sigset_t *mask);
int aurora_accept4(int fd, struct sockaddr *addr, socklen_t *len);

static const uint32_t AURORA_EPOLLIN = EPOLLIN;
static const uint32_t AURORA_EPOLLOUT = EPOLLOUT;
static const uint32_t AURORA_EPOLLERR = EPOLLERR;
static const uint32_t AURORA_EPOLLHUP = EPOLLHUP;
static const uint32_t AURORA_EPOLLRDHUP = EPOLLRDHUP;
static const uint32_t AURORA_EPOLLET = EPOLLET;
static const int AURORA_EPOLL_CTL_ADD = EPOLL_CTL_ADD;
static const int AURORA_EPOLL_CTL_MOD = EPOLL_CTL_MOD;
static const int AURORA_EPOLL_CTL_DEL = EPOLL_CTL_DEL;
#endif
