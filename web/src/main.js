document.getElementById('app').textContent = 'dutygraph';
